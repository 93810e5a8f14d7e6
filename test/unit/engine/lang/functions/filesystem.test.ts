import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { markSensitive, str } from '../../../../../engine/lang/index.js';
import { evalOk, evalText } from '../eval-helpers.js';
import { plain } from '../values-helpers.js';

const dir = resolve(import.meta.dirname, '../../../../fixtures/lang/files');
const outside = mkdtempSync(join(tmpdir(), 'lang-outside-'));
writeFileSync(join(outside, 'secret.txt'), 'secret');
const linked = mkdtempSync(join(tmpdir(), 'lang-config-'));
writeFileSync(join(linked, 'ok.txt'), 'ok');
symlinkSync(join(outside, 'secret.txt'), join(linked, 'escape.txt'));
afterAll(() => {
  rmSync(outside, { recursive: true, force: true });
  rmSync(linked, { recursive: true, force: true });
});

describe('file, filebase64, fileexists', () => {
  it('read relative to the configuration folder', () => {
    expect(plain(evalOk('file("hello.txt")', {}, dir))).toBe('hello\n');
    expect(plain(evalOk('filebase64("hello.txt")', {}, dir))).toBe('aGVsbG8K');
    expect(plain(evalOk('fileexists("hello.txt")', {}, dir))).toBe(true);
    expect(plain(evalOk('fileexists("missing.txt")', {}, dir))).toBe(false);
    expect(plain(evalOk('file("sub/../hello.txt")', {}, dir))).toBe('hello\n');
  });
  it('report a missing file at the path argument', () => {
    const d = evalText('file("missing.txt")', {}, dir).diagnostics[0];
    expect(d.detail).toContain('no file exists at "missing.txt"');
    expect(d.range?.start.column).toBe(6);
  });
  it('refuse paths that leave the folder through .., absolute paths or symlinks', () => {
    expect(evalText('file("../lang/files/hello.txt")', {}, join(dir, 'sub')).diagnostics[0].detail).toContain(
      'outside the configuration folder',
    );
    expect(evalText(`file("${join(outside, 'secret.txt')}")`, {}, linked).diagnostics[0].detail).toContain('outside');
    expect(evalText('file("escape.txt")', {}, linked).diagnostics[0].detail).toContain('symbolic link');
    expect(evalText('fileexists("escape.txt")', {}, linked).diagnostics[0].detail).toContain('symbolic link');
    expect(plain(evalOk('file("ok.txt")', {}, linked))).toBe('ok');
  });
  it('refuse to read when no folder is configured', () => {
    expect(evalText('file("hello.txt")').diagnostics[0].detail).toContain('not available');
  });
});

describe('templatefile', () => {
  it('renders a template with only the given variables', () => {
    expect(plain(evalOk('templatefile("greeting.tftpl", { name = "web", ports = [80, 443] })', {}, dir))).toBe(
      'Hi web!\nport 80\nport 443\n',
    );
  });
  it('keeps a missing final newline missing', () => {
    expect(plain(evalOk('templatefile("sub/inline.tftpl", { a = 1 })', {}, dir))).toBe('no newline 1');
  });
  it('reports an undeclared template variable at its place in the template file', () => {
    const d = evalText('templatefile("broken.tftpl", { other = 1 })', { nope: str('outer') }, dir).diagnostics[0];
    expect(d.summary).toBe('Reference to undeclared name');
    expect(d.range?.filename).toBe('broken.tftpl');
    expect(d.range?.start.line).toBe(1);
    expect(d.range?.start.column).toBe(7);
  });
  it('marks the result sensitive when a variable is', () => {
    expect(evalOk('templatefile("sub/inline.tftpl", { a = s })', { s: markSensitive(str('x')) }, dir).sensitive).toBe(
      true,
    );
  });
  it('refuses a non-object vars argument', () => {
    expect(evalText('templatefile("greeting.tftpl", "x")', {}, dir).diagnostics[0].detail).toContain(
      '"vars" parameter',
    );
  });
});

describe('templatefile recursion', () => {
  it('is refused rather than running forever', () => {
    const d = evalText('templatefile("recursive.tftpl", {})', {}, dir).diagnostics[0];
    expect(d.detail).toContain('cannot call templatefile from inside a template');
    expect(d.range?.filename).toBe('recursive.tftpl');
  });
});
