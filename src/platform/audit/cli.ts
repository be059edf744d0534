import type { AppContext } from "../../app/context.ts";
import type { Command } from "../cli/frame.ts";
import { verifyAuditChain } from "./audit.ts";

/** `aicc audit verify`: exit 0 on an intact chain; 1 naming the first bad entry otherwise. */
export function auditCommands(withContext: <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>): Command[] {
  return [
    {
      path: ["audit", "verify"],
      summary: "Verify the audit log's hash chain",
      run: (_args, io) =>
        withContext(async (ctx) => {
          const result = await verifyAuditChain(ctx.db);
          if (result.ok) {
            io.print(
              result,
              () => `audit chain intact: ${result.entries} entries, head ${result.headHash.slice(0, 16)}…`,
            );
            return 0;
          }
          io.print(result, () => `audit chain BROKEN at entry ${result.firstBadSeq}: ${result.reason}`);
          return 1;
        }),
    },
  ];
}
