/**
 * An uploader for the kill tests, run as its own Node process so a test can end it with SIGKILL
 * at any moment, as a closed tab or a crashed script ends: saveCsvSegment through a RestAdapter,
 * printing one JSON line per step. Arguments come from the environment: BASE_URL, API_KEY, NAME,
 * CONTACTS (how many), BATCH (batch size) and, to resume, RESUME (the segment id). To send the
 * file into a ready segment instead: INTO (its id), MODE ('add' or 'replace') and VERSION (the
 * version read); PREFIX names the file's contacts (`<prefix>.<i>@festival.example.in`).
 */
import { RestAdapter, saveCsvSegment, type SegmentDraft } from '../../../src/core.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const count = Number(env('CONTACTS'));
const adapter = new RestAdapter({
  baseUrl: env('BASE_URL'),
  headers: { authorization: `Bearer ${env('API_KEY')}` },
});
const draft: SegmentDraft = {
  name: env('NAME'),
  type: 'csv',
  csv: {
    fileName: 'festival.csv',
    phoneColumn: 'phone',
    emailColumn: 'email',
    accepted: count,
    rejected: 0,
    duplicates: 0,
  },
};
const prefix = process.env.PREFIX || 'guest';
const accepted = Array.from({ length: count }, (_, i) => ({
  line: i + 2,
  email: uploadEmail(i, prefix),
}));
const into = process.env.INTO
  ? {
      id: process.env.INTO,
      mode: env('MODE') as 'add' | 'replace',
      expectedVersion: Number(env('VERSION')),
    }
  : undefined;
const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

say({ started: true });
const saved = await saveCsvSegment(
  adapter,
  draft,
  { accepted },
  {
    batchSize: Number(env('BATCH')),
    resume: process.env.RESUME || undefined,
    ...(into ? { into } : {}),
    onProgress: ({ sent, segment }) =>
      say({ sent, id: segment.id, generation: segment.progress?.reopened?.generation }),
  },
);
say({ done: saved.id, memberCount: saved.memberCount });

/** The i-th contact of the file; the test computes the same list to check what landed. */
export function uploadEmail(i: number, prefix = 'guest'): string {
  return `${prefix}.${i}@festival.example.in`;
}
