/**
 * Native range notations to vers, one converter per ecosystem. The result is the flat form the
 * vers-spec conversion tests use: every comparator of the native range, sorted by version.
 */
import { fail, type Result } from "../../result.ts";
import type { VersConstraint, VersRange } from "../model.ts";
import { sortVersConstraints } from "../range.ts";
import { conanNativeConstraints } from "./conan.ts";
import { gemNativeConstraints } from "./gem.ts";
import { nginxNativeConstraints } from "./nginx.ts";
import { npmNativeConstraints } from "./npm.ts";
import { nugetNativeConstraints } from "./nuget.ts";
import { opensslNativeConstraints } from "./openssl.ts";
import { pypiNativeConstraints } from "./pypi.ts";

/** Reads one ecosystem's native range notation into unsorted vers constraints. */
export type NativeRangeReader = (native: string) => Result<VersConstraint[]>;

/** Native range readers by vers type. */
export const NATIVE_RANGE_READERS: Readonly<Record<string, NativeRangeReader>> = {
  conan: conanNativeConstraints,
  gem: gemNativeConstraints,
  nginx: nginxNativeConstraints,
  npm: npmNativeConstraints,
  nuget: nugetNativeConstraints,
  openssl: opensslNativeConstraints,
  pypi: pypiNativeConstraints,
};

/** Convert a native range of vers type `scheme` (e.g. npm `^1.2.3 || >=2`) to a sorted vers range. */
export function versFromNative(scheme: string, native: string): Result<VersRange> {
  if (typeof native !== "string") return fail("vers.not_a_string", "A native range must be a string.");
  const read = Object.hasOwn(NATIVE_RANGE_READERS, scheme) ? NATIVE_RANGE_READERS[scheme] : undefined;
  if (read === undefined) {
    return fail("vers.unsupported_native_type", `No native range reader for vers type '${scheme}'.`, "type");
  }
  const constraints = read(native);
  return constraints.ok ? sortVersConstraints({ scheme, constraints: constraints.value }) : constraints;
}
