/** Rounding shared by the CVSS versions that round half up. */

/**
 * Rounds to one decimal, half up. The 1e-6 nudge is the one FIRST's CVSS 4.0 calculator applies so that
 * binary noise (6.449999… for an exact 6.45) does not round a tie down.
 */
export function roundHalfUp1(x: number): number {
  return Math.round((x + 1e-6) * 10) / 10;
}
