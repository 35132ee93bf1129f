import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { ensureImport, removeUnusedImport, type ImportSpec } from '../../transforms/analysis/add-import';
import { recastParserFor } from '../../transforms/analysis/parser';
import { transformSource } from '../../transforms/engine/transform-source';
import type { TransformModule } from '../../transforms/types';

type Style = 'esm' | 'commonjs';

function setup(file: string, source: string, style: Style) {
  const j = jscodeshift.withParser(recastParserFor(file));
  const root = j(source);
  return { ctx: { j, root, style }, print: () => root.toSource({ quote: 'single' }) };
}

function add(file: string, source: string, style: Style, ...specs: ImportSpec[]) {
  const { ctx, print } = setup(file, source, style);
  const names = specs.map((spec) => ensureImport(ctx, spec));
  return { names: names.length === 1 ? names[0] : names, output: print() };
}

describe('ensureImport: ESM', () => {
  it('adds a named import next to the last import, keeping the blank line after the block', () => {
    const { names, output } = add('h.mjs', "import a from 'a';\nimport { b } from 'b';\n\nexport const handler = async () => b(a);\n", 'esm', {
      source: 'node:fs/promises',
      named: ['mkdtemp', 'rm'],
    });
    expect(names).toEqual({ mkdtemp: 'mkdtemp', rm: 'rm' });
    expect(output).toBe(
      "import a from 'a';\nimport { mkdtemp, rm } from 'node:fs/promises';\nimport { b } from 'b';\n\nexport const handler = async () => b(a);\n",
    );
  });

  it('adds default and namespace imports', () => {
    const { names, output } = add('h.mjs', "import x from 'x';\n", 'esm', { source: 'y', default: 'Y', namespace: 'yy' });
    expect(names).toEqual({ Y: 'Y', yy: 'yy' });
    expect(output).toBe("import x from 'x';\nimport Y from 'y';\nimport * as yy from 'y';\n");
  });

  it('merges missing names into an existing import of the same module', () => {
    const { names, output } = add('h.mjs', "import { readFile } from 'fs/promises';\nreadFile('a');\n", 'esm', {
      source: 'node:fs/promises',
      named: ['readFile', 'rm'],
    });
    expect(names).toEqual({ readFile: 'readFile', rm: 'rm' });
    expect(output).toBe("import { readFile, rm } from 'fs/promises';\nreadFile('a');\n");
  });

  it('adds a default to an existing named import', () => {
    const { names, output } = add('h.mjs', "import { a } from 'x';\n", 'esm', { source: 'x', default: 'X' });
    expect(names).toEqual({ X: 'X' });
    expect(output).toBe("import X, { a } from 'x';\n");
  });

  it('reuses renamed specifiers, default and namespace imports', () => {
    const src = "import def, { a as localA } from 'x';\nimport * as fs from 'fs';\n";
    const { names, output } = add('h.mjs', src, 'esm', { source: 'x', named: ['a'], default: 'anything' }, { source: 'node:fs', namespace: 'fs2' });
    expect(names).toEqual([{ a: 'localA', anything: 'def' }, { fs2: 'fs' }]);
    expect(output).toBe(src);
  });

  it("treats a builtin's default import as its namespace", () => {
    const src = "import fs from 'node:fs';\n";
    const { names, output } = add('h.mjs', src, 'esm', { source: 'fs', namespace: 'fs' });
    expect(names).toEqual({ fs: 'fs' });
    expect(output).toBe(src);
  });

  it('reuses `import { promises } from "fs"` as the fs/promises namespace', () => {
    const src = "import { promises as fsp } from 'fs';\n";
    const { names, output } = add('h.mjs', src, 'esm', { source: 'node:fs/promises', namespace: 'fsp' });
    expect(names).toEqual({ fsp: 'fsp' });
    expect(output).toBe(src);
  });

  it('does not add names to a namespace import (invalid syntax); adds a new statement instead', () => {
    const { output } = add('h.mjs', "import * as x from 'x';\n", 'esm', { source: 'x', named: ['a'] });
    expect(output).toBe("import * as x from 'x';\nimport { a } from 'x';\n");
  });
});

describe('ensureImport: CommonJS', () => {
  it('adds a destructured require with the requires, one line, node: prefix by default', () => {
    const { names, output } = add('h.js', "'use strict';\nconst AWS = require('aws-sdk');\n\nexports.handler = async () => {};\n", 'commonjs', {
      source: 'node:os',
      named: ['tmpdir'],
    });
    expect(names).toEqual({ tmpdir: 'tmpdir' });
    expect(output).toBe(
      "'use strict';\nconst { tmpdir } = require('node:os');\nconst AWS = require('aws-sdk');\n\nexports.handler = async () => {};\n",
    );
  });

  it('adds `const x = require()` for default/namespace; both names share it', () => {
    const { names, output } = add('h.js', 'exports.handler = async () => {};\n', 'commonjs', { source: 'async-mutex', default: 'am', namespace: 'amNs' });
    expect(names).toEqual({ am: 'am', amNs: 'am' });
    expect(output).toBe("const am = require('async-mutex');\nexports.handler = async () => {};\n");
  });

  it('merges into an existing destructuring, before a rest element', () => {
    const { output } = add('h.js', "const { readFile, ...rest } = require('fs/promises');\n", 'commonjs', {
      source: 'node:fs/promises',
      named: ['rm'],
    });
    expect(output).toBe("const { readFile, rm, ...rest } = require('fs/promises');\n");
  });

  it('merges into a multi-line destructuring', () => {
    const { output } = add('h.js', "const {\n  readFile,\n  writeFile,\n} = require('fs/promises');\n", 'commonjs', {
      source: 'fs/promises',
      named: ['rm'],
    });
    expect(output).toContain('readFile,\n  writeFile,\n  rm\n}');
  });

  it('reuses `const x = require(m).name`, `const fs = require(m)` and `require("fs").promises`', () => {
    const src = "const readFile = require('fs').readFile;\nconst X = require('x');\nconst fsp = require('fs').promises;\n";
    const { names, output } = add(
      'h.js',
      src,
      'commonjs',
      { source: 'node:fs', named: ['readFile'] },
      { source: 'x', default: 'Y' },
      { source: 'node:fs/promises', namespace: 'p' },
    );
    expect(names).toEqual([{ readFile: 'readFile' }, { Y: 'X' }, { p: 'fsp' }]);
    expect(output).toBe(src);
  });

  it('keeps a `use strict` directive printed once when the body changes', () => {
    const { output } = add('h.js', "'use strict';\n\nmodule.exports.handler = async () => 1;\n", 'commonjs', { source: 'x', named: ['a'] });
    expect(output).toBe("'use strict';\n\nconst { a } = require('x');\n\nmodule.exports.handler = async () => 1;\n");
  });
});

describe('ensureImport: file heads recast misprints', () => {
  it('keeps a hashbang on its own first line', () => {
    const { output } = add('h.js', '#!/usr/bin/env node\n// c\nfoo();\n', 'commonjs', { source: 'x', named: ['a'] });
    expect(output).toBe("#!/usr/bin/env node\n// c\nconst { a } = require('x');\n\nfoo();\n");
  });

  it('keeps a hashbang before a directive, and new code after the directive', () => {
    const { output } = add('h.js', "#!/usr/bin/env node\n'use strict';\nfoo();\n", 'commonjs', { source: 'x', named: ['a'] });
    expect(output).toBe("#!/usr/bin/env node\n'use strict';\nconst { a } = require('x');\nfoo();\n");
  });

  it('keeps the comments of a file that has nothing else', () => {
    const { output } = add('h.mjs', '// only a comment\n/* and another */\n', 'esm', { source: 'x', named: ['a'] });
    expect(output).toBe("// only a comment\n/* and another */\nimport { a } from 'x';\n");
  });
});

describe('ensureImport: TypeScript', () => {
  it('ignores `import type` for values and keeps the type import', () => {
    const { names, output } = add('h.ts', "import type { Client } from 'pg';\n\nexport const handler = async (): Promise<void> => {};\n", 'esm', {
      source: 'pg',
      named: ['Pool'],
    });
    expect(names).toEqual({ Pool: 'Pool' });
    expect(output).toBe(
      "import { Pool } from 'pg';\nimport type { Client } from 'pg';\n\nexport const handler = async (): Promise<void> => {};\n",
    );
  });

  it('avoids a name used only as a type', () => {
    const { names } = add('h.ts', "import type { Pool } from 'other';\nlet p: Pool;\n", 'esm', { source: 'pg', named: ['Pool'] });
    expect(names).toEqual({ Pool: 'Pool2' });
  });

  it('reuses `import fs = require("fs")`', () => {
    const src = "import fs = require('fs');\n";
    const { names, output } = add('h.cts', src, 'commonjs', { source: 'node:fs', namespace: 'x' });
    expect(names).toEqual({ x: 'fs' });
    expect(output).toBe(src);
  });
});

describe('ensureImport: node: prefix habit', () => {
  it('uses the prefix when the file uses it anywhere', () => {
    const { output } = add('h.mjs', "import { join } from 'path';\nimport os from 'node:os';\n", 'esm', { source: 'fs/promises', named: ['rm'] });
    expect(output).toContain("import { rm } from 'node:fs/promises';");
  });

  it('stays bare when the file imports builtins bare', () => {
    const { output } = add('h.js', "const path = require('path');\n", 'commonjs', { source: 'node:fs/promises', named: ['rm'] });
    expect(output).toContain("const { rm } = require('fs/promises');");
  });

  it('defaults to the prefix, and never drops it from prefix-only builtins', () => {
    expect(add('h.mjs', "import x from 'x';\n", 'esm', { source: 'crypto', named: ['randomUUID'] }).output).toContain(
      "import { randomUUID } from 'node:crypto';",
    );
    expect(add('h.js', "const path = require('path');\n", 'commonjs', { source: 'node:test', named: ['it'] }).output).toContain(
      "require('node:test')",
    );
  });

  it("matches 'fs' with 'node:fs' when reusing", () => {
    const src = "import { rm } from 'fs/promises';\n";
    expect(add('h.mjs', src, 'esm', { source: 'node:fs/promises', named: ['rm'] }).output).toBe(src);
  });
});

describe('ensureImport: collisions', () => {
  it('renames around a module-level local', () => {
    const { names, output } = add('h.mjs', "import x from 'x';\nconst rm = () => 1;\n", 'esm', { source: 'node:fs/promises', named: ['rm'] });
    expect(names).toEqual({ rm: 'rm2' });
    expect(output).toContain("import { rm as rm2 } from 'node:fs/promises';");
  });

  it('renames around a name bound in a nested scope (the new binding would be shadowed there)', () => {
    const { names } = add('h.js', 'exports.handler = async (event) => { const join = 1; return join; };\n', 'commonjs', {
      source: 'node:path',
      named: ['join'],
    });
    expect(names).toEqual({ join: 'join2' });
  });

  it('renames around a name imported from another module, and skips taken suffixes', () => {
    const { names } = add('h.mjs', "import { readFile } from 'fs';\nconst readFile2 = 1;\n", 'esm', { source: 'fs/promises', named: ['readFile'] });
    expect(names).toEqual({ readFile: 'readFile3' });
  });

  it('is not fooled by property names', () => {
    const { names } = add('h.mjs', "import x from 'x';\nx.rm({ rm: 1 });\n", 'esm', { source: 'fs/promises', named: ['rm'] });
    expect(names).toEqual({ rm: 'rm' });
  });
});

describe('ensureImport: idempotence', () => {
  it.each([
    ['h.mjs', 'esm' as const, "import a from 'a';\nexport const handler = async () => {};\n"],
    ['h.js', 'commonjs' as const, "const rm = 1;\nexports.handler = async () => {};\n"],
    ['h.ts', 'esm' as const, '// only a comment\nexport const handler = async (): Promise<void> => {};\n'],
  ])('calling twice yields one import (%s)', (file, style, src) => {
    const spec = { source: 'node:fs/promises', named: ['rm', 'mkdtemp'] };
    const { ctx, print } = setup(file, src, style);
    const first = ensureImport(ctx, spec);
    const once = print();
    const second = ensureImport(ctx, spec);
    expect(second).toEqual(first);
    expect(print()).toBe(once);
    // and on a fresh parse of the output
    const again = setup(file, once, style);
    expect(ensureImport(again.ctx, spec)).toEqual(first);
    expect(again.print()).toBe(once);
  });
});

describe('ensureImport: comments', () => {
  it('keeps a file header above a new first statement', () => {
    const { output } = add('h.js', "// Copyright header\n/* eslint-disable */\nexports.handler = async () => {};\n", 'commonjs', {
      source: 'x',
      named: ['a'],
    });
    expect(output).toBe("// Copyright header\n/* eslint-disable */\nconst { a } = require('x');\n\nexports.handler = async () => {};\n");
  });

  it('keeps the header above the import in ESM and TS', () => {
    const { output } = add('h.ts', '/**\n * Orders handler.\n */\nexport async function handler(): Promise<void> {}\n', 'esm', {
      source: 'node:os',
      named: ['tmpdir'],
    });
    expect(output.startsWith("/**\n * Orders handler.\n */\nimport { tmpdir } from 'node:os';\n")).toBe(true);
  });

  it('keeps comments around existing imports in place', () => {
    const src = "// deps\nimport a from 'a'; // why a\n// the handler\nexport const handler = async () => a;\n";
    const { output } = add('h.mjs', src, 'esm', { source: 'b', named: ['b'] });
    expect(output).toBe("// deps\nimport a from 'a'; // why a\nimport { b } from 'b';\n// the handler\nexport const handler = async () => a;\n");
  });

  it('inserts before the first function even when a require follows it', () => {
    const src = "const a = require('a');\nfunction f() {}\nconst late = require('late');\n";
    expect(add('h.js', src, 'commonjs', { source: 'b', named: ['b'] }).output).toBe(
      "const a = require('a');\nconst { b } = require('b');\nfunction f() {}\nconst late = require('late');\n",
    );
  });
});

describe('removeUnusedImport', () => {
  it('removes an unreferenced specifier and keeps the rest', () => {
    const { ctx, print } = setup('h.mjs', "import { Client, types } from 'pg';\ntypes.x();\n", 'esm');
    expect(removeUnusedImport(ctx, 'pg', 'Client')).toBe(true);
    expect(print()).toBe("import { types } from 'pg';\ntypes.x();\n");
  });

  it('keeps a referenced binding', () => {
    const { ctx, print } = setup('h.js', "const { Client } = require('pg');\nnew Client();\n", 'commonjs');
    expect(removeUnusedImport(ctx, 'pg', 'Client')).toBe(false);
    expect(print()).toBe("const { Client } = require('pg');\nnew Client();\n");
  });

  it('removes the whole statement when empty and moves its leading comments to the next one', () => {
    const { ctx, print } = setup('h.js', "'use strict';\n// header\nconst { Client } = require('pg');\nconst x = 1;\n", 'commonjs');
    expect(removeUnusedImport(ctx, 'pg', 'Client')).toBe(true);
    expect(print()).toBe("'use strict';\n// header\nconst x = 1;\n");
  });

  it("removes default and whole-module bindings ('default' / '*')", () => {
    const esm = setup('h.mjs', "import mysql from 'mysql2';\nimport x from 'x';\nx();\n", 'esm');
    expect(removeUnusedImport(esm.ctx, 'mysql2', 'default')).toBe(true);
    expect(esm.print()).toBe("import x from 'x';\nx();\n");
    const cjs = setup('h.js', "const mysql = require('mysql2');\nmodule.exports = {};\n", 'commonjs');
    expect(removeUnusedImport(cjs.ctx, 'mysql2', '*')).toBe(true);
    expect(cjs.print()).toBe('module.exports = {};\n');
  });
});

describe('ensureImport through the engine', () => {
  it('prints in the file quote style and leaves unrelated lines untouched', () => {
    const mod: TransformModule = {
      meta: { id: 't', title: 't', summary: 't', fixes: [] },
      apply: ({ j, root, analysis }) => {
        ensureImport({ j, root, style: analysis.moduleStyle }, { source: 'node:crypto', named: ['randomUUID'] });
        return true;
      },
    };
    const src = 'const x = require("x");\n\nexports.handler = async (event) => {\n    return x(event);\n};\n';
    const result = transformSource('h.js', src, [mod]);
    expect(result.output).toBe(
      'const { randomUUID } = require("node:crypto");\nconst x = require("x");\n\nexports.handler = async (event) => {\n    return x(event);\n};\n',
    );
  });
});
