import { loadModelFolder } from '../clip/model-folder';
import { confined, ModelPuller, validateRepoId } from '../clip/model-pull';
import { ProgressBar } from '../clip/progress-bar';

const USAGE = `usage: npm run model -- pull <hub repo id> [--dtype fp32|fp16|q8|int8|uint8|q4|q4f16|bnb4]
                                  [--revision main] [--dest models/] [--endpoint https://huggingface.co]
  Downloads a CLIP export in the Transformers.js layout into <dest>/<repo name>/ (nothing is written
  outside that folder; repo ids follow the hub's rules: [owner/]name, no "..").
  HF_ENDPOINT overrides the default endpoint; HF_TOKEN is sent for gated or private repos.`;

export interface PullArgs {
  repo: string;
  dtype: string;
  revision: string;
  dest: string;
  endpoint: string;
}

/** Parses `pull <repo> [--flag value | --flag=value]...`; throws with the usage text on anything else. */
export function parsePullArgs(argv: string[], env: NodeJS.ProcessEnv): PullArgs {
  const [cmd, ...rest] = argv;
  if (cmd !== 'pull') throw new Error(USAGE);
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const value = eq > 0 ? a.slice(eq + 1) : rest[++i];
    if (!['dtype', 'revision', 'dest', 'endpoint'].includes(name) || value === undefined) throw new Error(USAGE);
    flags[name] = value;
  }
  if (positional.length !== 1) throw new Error(USAGE);
  return {
    repo: validateRepoId(positional[0]),
    dtype: flags.dtype ?? 'fp32',
    revision: flags.revision ?? 'main',
    dest: flags.dest ?? 'models',
    endpoint: flags.endpoint ?? env.HF_ENDPOINT ?? 'https://huggingface.co',
  };
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let args: PullArgs;
  let dir: string;
  try {
    args = parsePullArgs(argv, env);
    dir = confined(args.dest, args.repo.split('/').pop()!);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const bar = new ProgressBar();
  const puller = new ModelPuller({ endpoint: args.endpoint, token: env.HF_TOKEN, onProgress: (p) => bar.update(p) });
  process.stderr.write(`pulling ${args.repo}@${args.revision} (${args.dtype}) from ${args.endpoint} into ${dir}\n`);
  try {
    await puller.pull(args.repo, { dtype: args.dtype, revision: args.revision, dest: dir });
    // Same checks as start-up, so a bad download is caught now rather than at the next deploy.
    const folder = await loadModelFolder(dir, args.dtype);
    process.stdout.write(`${folder.id}\t${dir}\tprojection_dim=${folder.projectionDim}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`\nmodel pull failed: ${(e as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), process.env).then((code) => (process.exitCode = code));
}
