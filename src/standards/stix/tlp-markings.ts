/**
 * TLP marking definitions for STIX 2.1. STIX 2.1 predefines the four TLP 1.0 markings (§7.2.1.4),
 * which bundles may reference without carrying. TLP 2.0 markings are defined by the OASIS TLP 2.0
 * extension (extension-definition--60a3c5c5-…), and a bundle that references one should carry
 * the object, reproduced exactly as published.
 */
import type { JsonObject } from "../json/index.ts";
import type { TlpLabel } from "../tlp/index.ts";

/** Which TLP version's marking definitions to use. */
export type StixTlpVersion = 1 | 2;

/** The OASIS TLP 2.0 marking extension. */
export const TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/** The STIX 2.1 predefined TLP 1.0 marking-definition ids. */
export const TLP1_MARKING_IDS = {
  WHITE: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
  GREEN: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
  AMBER: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
  RED: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
} as const;

/** The TLP 2.0 marking-definition ids of the OASIS extension. */
export const TLP2_MARKING_IDS: Readonly<Record<TlpLabel, string>> = {
  CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
  GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
  AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
  "AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
  RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};

/** TLP 2.0 → TLP 1.0 colour (CLEAR was WHITE; TLP 1.0 has no AMBER+STRICT, so AMBER is the nearest). */
const TLP1_COLOUR: Readonly<Record<TlpLabel, keyof typeof TLP1_MARKING_IDS>> = {
  CLEAR: "WHITE",
  GREEN: "GREEN",
  AMBER: "AMBER",
  "AMBER+STRICT": "AMBER",
  RED: "RED",
};

/** A marking to apply: the id objects reference, and the object a bundle must carry (none when predefined). */
export interface StixTlpMarking {
  id: string;
  /** The marking-definition object, present only for TLP 2.0 (TLP 1.0 markings are predefined by STIX 2.1). */
  definition?: JsonObject;
}

/** The STIX marking for a TLP label, as TLP 2.0 (default) or TLP 1.0 (AMBER+STRICT then becomes AMBER). */
export function stixTlpMarking(label: TlpLabel, version: StixTlpVersion = 2): StixTlpMarking {
  if (version === 1) return { id: TLP1_MARKING_IDS[TLP1_COLOUR[label]] };
  const id = TLP2_MARKING_IDS[label];
  return {
    id,
    definition: {
      type: "marking-definition",
      spec_version: "2.1",
      id,
      created: "2022-10-01T00:00:00.000Z",
      name: `TLP:${label}`,
      extensions: { [TLP2_EXTENSION_ID]: { extension_type: "property-extension", tlp_2_0: label.toLowerCase() } },
    },
  };
}

/** The predefined STIX 2.1 TLP 1.0 marking-definition object for a TLP 1.0 colour. */
export function stixTlp1Definition(colour: keyof typeof TLP1_MARKING_IDS): JsonObject {
  return {
    type: "marking-definition",
    spec_version: "2.1",
    id: TLP1_MARKING_IDS[colour],
    created: "2017-01-20T00:00:00.000Z",
    definition_type: "tlp",
    name: `TLP:${colour}`,
    definition: { tlp: colour.toLowerCase() },
  };
}

/** The TLP label a marking-definition id stands for (TLP 1.0 WHITE reads as CLEAR), or undefined. */
export function tlpFromMarkingId(id: string): TlpLabel | undefined {
  for (const [label, markingId] of Object.entries(TLP2_MARKING_IDS)) if (markingId === id) return label as TlpLabel;
  for (const [colour, markingId] of Object.entries(TLP1_MARKING_IDS)) {
    if (markingId === id) return colour === "WHITE" ? "CLEAR" : (colour as TlpLabel);
  }
  return undefined;
}

/** True for the four STIX 2.1 predefined TLP 1.0 marking ids, which need no object in a bundle. */
export function isPredefinedMarking(id: string): boolean {
  return (Object.values(TLP1_MARKING_IDS) as string[]).includes(id);
}
