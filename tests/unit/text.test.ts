import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldLines } from '../../src/lib/text.ts';
import { corpusPath } from '../helpers/shared.ts';

type RawItem = { paper: { id: string; summary: string; title: string } };
const rawDay = (date: string): RawItem[] => JSON.parse(readFileSync(corpusPath(date), 'utf8')) as RawItem[];
const rawPaper = (date: string, id: string): RawItem['paper'] => {
  const found = rawDay(date).find((i) => i.paper.id === id);
  if (!found) throw new Error(`${id} not in ${date}`);
  return found.paper;
};

describe('foldLines', () => {
  it('folds hard line breaks inside a paragraph into single spaces', () => {
    expect(
      foldLines('High-resolution Large Multimodal Models (LMMs) encounter the challenges of\nexcessive'),
    ).toBe('High-resolution Large Multimodal Models (LMMs) encounter the challenges of excessive');
    expect(foldLines('a  \n   b\r\nc')).toBe('a b c');
  });

  it('keeps blank-line paragraph breaks as exactly one blank line and trims', () => {
    expect(foldLines('  first\nline\n\n\n  second\n \n third  \n')).toBe('first line\n\nsecond\n\nthird');
  });

  it('leaves LaTeX, markdown and dollar signs as written', () => {
    expect(foldLines('costs $5 and\n$\\mathcal{O}(n^2)$ with\n\\textbf{bold} **md** `code`')).toBe(
      'costs $5 and $\\mathcal{O}(n^2)$ with \\textbf{bold} **md** `code`',
    );
  });

  it('keeps a hyphen at a line end as written (arXiv wraps at spaces, "low-\\nand high-quality")', () => {
    expect(foldLines('trade-offs in how low-\nand high-quality')).toBe(
      'trade-offs in how low- and high-quality',
    );
  });

  it('folds a real 2024 abstract: no single newline left, words joined by one space', () => {
    const raw = rawPaper('2024-05-27', '2405.15738').summary;
    const folded = foldLines(raw);
    expect(raw).toContain('\n');
    expect(folded).not.toContain('\n');
    expect(
      folded.startsWith(
        'High-resolution Large Multimodal Models (LMMs) encounter the challenges of excessive',
      ),
    ).toBe(true);
    expect(folded.endsWith('publicly available at https://github.com/alibaba/conv-llava.')).toBe(true);
    expect(folded.split(/\s+/)).toEqual(raw.trim().split(/\s+/));
  });

  it('keeps real LaTeX intact while folding (2410.06373 \\textbf across a line break)', () => {
    const raw = rawPaper('2024-10-10', '2410.06373').summary;
    const folded = foldLines(raw);
    expect(folded).toContain('termed \\textbf{backbone-optimizer coupling bias} (BOCB');
    expect(folded).not.toMatch(/\n/);
  });

  it('keeps real markdown bold (2407.03203 **TheoremLlama**)', () => {
    const folded = foldLines(rawPaper('2024-07-10', '2407.03203').summary);
    expect(folded).toContain('**TheoremLlama**');
    expect(folded).not.toMatch(/\n/);
  });

  it('folds titles with "\\n  " breaks', () => {
    expect(foldLines(rawPaper('2024-05-27', '2405.15738').title)).toBe(
      'ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models',
    );
  });
});
