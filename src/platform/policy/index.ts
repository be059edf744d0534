/**
 * The one policy module: every access question the system asks is answered here, as a pure function
 * of (principal, resource). Routes, services, exports and feeds call these; nothing else decides access.
 */

export * from "./clearinghouse.ts";
export * from "./cve-ids.ts";
export * from "./decision.ts";
export * from "./evaluation.ts";
export * from "./notifications.ts";
export * from "./platform.ts";
