/**
 * The layers are enforced by lint: a wrong-way import fails `npm run lint`. Each case lints a one-line file
 * placed where it would live, with the project's own ESLint configuration.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules (ESLint no-restricted-imports)', () => {
  it.each([
    ['server/src/routes/fixture.ts', "import { createActionRepository } from '../repositories/actions.js';"],
    ['server/src/routes/fixture.ts', "import { inTransaction } from '../db/client.js';"],
    ['server/src/domain/fixture.ts', "import { problem } from '../lib/problems.js';"],
    ['server/src/exports/fixture.ts', "import { createServices } from '../services/index.js';"],
    ['client/src/lib/fixture.ts', "import { assessRag } from '../../../server/src/domain/rag.js';"],
  ])('%s may not say %s', async (file, line) => {
    const messages = await restricted(file, `${line}\nexport const used = 1;\n`);
    expect(messages).toHaveLength(1);
  });

  it.each([
    ['server/src/routes/fixture.ts', "import { problems } from './http.js';"],
    ['server/src/domain/fixture.ts', "import { worseRag } from '@ipt/shared';"],
    ['server/src/domain/fixture.ts', "import { worstRag } from './movement.js';"],
    ['server/src/exports/fixture.ts', "import { RAG_LABELS } from '@ipt/shared';"],
    ['server/src/services/fixture.ts', "import { createRepositories } from '../repositories/index.js';"],
    ['client/src/lib/fixture.ts', "import { RAG_LABELS } from '@ipt/shared';"],
  ])('%s may say %s', async (file, line) => {
    expect(await restricted(file, `${line}\nexport const used = 1;\n`)).toEqual([]);
  });
}, 60_000);
