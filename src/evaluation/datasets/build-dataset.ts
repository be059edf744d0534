import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { canonicalJson, sha256Hex } from "../../platform/crypto/canonical-json.ts";
import { type Dataset, type Sample, SampleSchema } from "../model.ts";
import { type DataLocation, DatasetError } from "./dataset-error.ts";

export interface DatasetParts {
  name: string;
  /** Samples as the loader built them; validated and defaulted here. */
  samples: unknown[];
  source: Dataset["source"] & { path: string };
  excluded?: Dataset["excluded"];
  /** Where each sample came from (line numbers for line-based files); the array index otherwise. */
  locations?: DataLocation[];
}

/**
 * Validates a loader's samples, checks their ids are unique and computes the dataset hash. The hash
 * covers each task file by its content digest, not its absolute path, so the same data checked out in
 * another place gives the same hash, and a changed task file gives a different one.
 */
export async function buildDataset(parts: DatasetParts): Promise<Dataset> {
  const file = parts.source.path;
  const seen = new Set<string>();
  const samples = parts.samples.map((raw, index) => {
    const location = parts.locations?.[index] ?? { index };
    const parsed = SampleSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DatasetError(file, location, issue?.path.join("."), issue?.message ?? "not a valid sample");
    }
    if (seen.has(parsed.data.id)) throw new DatasetError(file, location, "id", `duplicate sample id ${parsed.data.id}`);
    seen.add(parsed.data.id);
    return parsed.data;
  });
  const dataset: Dataset = { name: parts.name, hash: await hashSamples(samples), samples, source: parts.source };
  if (parts.excluded && parts.excluded.length > 0) dataset.excluded = parts.excluded;
  return dataset;
}

/** SHA-256 over the canonical JSON of the samples, with task files replaced by their content digests. */
export async function hashSamples(samples: Sample[]): Promise<string> {
  const hashable = [];
  for (const sample of samples) {
    if (!sample.files) {
      hashable.push(sample);
      continue;
    }
    const files: Record<string, string> = {};
    for (const [relative, absolute] of Object.entries(sample.files)) files[relative] = await fileDigest(absolute);
    hashable.push({ ...sample, files });
  }
  return sha256Hex(canonicalJson(hashable));
}

async function fileDigest(path: string): Promise<string> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    throw new DatasetError(
      path,
      {},
      undefined,
      `cannot read task file (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  return `sha256:${hash.digest("hex")}`;
}
