import { computeStats, formatStats } from '../core/exchange';
import { parseArgs } from './args';
import { readTaggedArticles } from './exchangeInput';
import { applySidecarLayout, LAYOUT_OPTIONS, LAYOUT_USAGE } from './files';
import type { Io, Subcommand } from './run';

const USAGE = `Usage: news-annotator stats [PATH...] [--json]

Counts the tags of every sidecar under PATHs (sidecars, articles or folders; default: the
current folder): by kind, status, verdict, author and folder, the share of fuzzy and
orphaned tags, and the tags lacking a field their kind requires (from the conventions).

Options:
  --json   print one JSON object instead of aligned tables
${LAYOUT_USAGE}

Sidecars with errors are left out and named on stderr. Exit code: 0 counted, 1 some
sidecar was left out, 2 bad usage or a path or conventions file that cannot be read.
`;

export const stats: Subcommand = {
  name: 'stats',
  summary: 'count tags by kind, verdict, status, author and folder',
  usage: USAGE,
  async run(args: string[], io: Io): Promise<number> {
    const parsed = parseArgs(args, { json: 'flag', ...LAYOUT_OPTIONS });
    if (typeof parsed === 'string') {
      io.stderr.write(`news-annotator stats: ${parsed}\n\n${USAGE}`);
      return 2;
    }
    if (!applySidecarLayout(parsed, io, 'stats')) return 2;
    const input = await readTaggedArticles([...parsed.positional, ...parsed.afterDashes], io, 'stats');
    if (input.usageError) return 2;
    const counts = computeStats(input.articles);
    io.stdout.write(parsed.flags.has('json') ? `${JSON.stringify(counts, null, 2)}\n` : formatStats(counts));
    return input.skipped > 0 ? 1 : 0;
  },
};
