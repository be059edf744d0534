/**
 * Version orderings for the vers types that `standards/versions` does not cover (it owns the
 * package-ecosystem orderings such as npm, PyPI or Maven).
 */
export { type AlpmVersion, alpm } from "./alpm.ts";
export { type ConanVersion, conan } from "./conan.ts";
export { type DatetimeVersion, datetime } from "./datetime.ts";
export { generic } from "./generic.ts";
export { type GentooVersion, gentoo } from "./gentoo.ts";
export { intdot, nginx } from "./intdot.ts";
export { lexicographic } from "./lexicographic.ts";
export { type OpensslVersion, openssl } from "./openssl.ts";
