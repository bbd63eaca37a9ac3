// Sample papers for the site-libs unit tests: one real corpus paper (2410.10672, math in its abstract),
// one hostile and one `noid-` paper with no optional fields.
import { paperSchema, type Paper, type PaperInput } from '../../src/lib/paper.ts';

export type SamplePaper = Paper & { abstract: string; topics: string[] };

function paper(input: PaperInput, abstract: string, topics: string[]): SamplePaper {
  return { ...paperSchema.parse(input), abstract, topics };
}

export const realPaper: SamplePaper = paper(
  {
    id: '2410.10672',
    title: 'Large Language Model Evaluation via Matrix Nuclear-Norm',
    authors: [
      { name: 'Yahan Li' },
      { name: 'Tingyu Xia' },
      { name: 'Yi Chang', hidden: true },
      { name: 'Yuan Wu' },
    ],
    publishedAt: '2024-10-14T16:15:57.000Z',
    featured: ['2024-10-15', '2024-10-17'],
    upvotes: 16,
    comments: 1,
    statsAt: '2024-10-17T07:45:00.000Z',
    keywords: ['nuclear norm', 'LLM evaluation'],
    githubRepo: 'https://github.com/MLGroupJLU/MatrixNuclearNorm',
    source: { kind: 'api-file', file: 'corpus/2024-10-17.json', fetchedAt: '2024-10-17T07:45:00.000Z' },
    overrides: { title: 'Large Language Model Evaluation via Matrix Nuclear-Norm (corrected)' },
  },
  'As large language models (LLMs) continue to evolve, efficient evaluation metrics are vital. They are ' +
    'computationally intensive due to their \\( O(n^3) \\) time complexity with Singular Value Decomposition ' +
    '(SVD).\n\nBy employing the \\( L_{1,2}-norm \\) we reduce the time complexity to \\( O(n^2) \\), at a cost of $5.',
  ['evaluation', 'llm'],
);

export const hostilePaper: SamplePaper = paper(
  {
    id: '2608.00001',
    title: 'Owning <script>alert(1)</script> & $x_1$ the 100% {Braces} #1 ~ ^ \\ LLaMA',
    authors: [{ name: 'Łukasz Müller-Śmigły' }, { name: "José O'Neil & Co" }],
    featured: ['2026-08-20'],
    upvotes: 3,
    statsAt: '2026-08-20T07:45:00.000Z',
    source: {
      kind: 'hf-api',
      url: 'https://huggingface.co/api/daily_papers?date=2026-08-20',
      fetchedAt: '2026-08-20T07:45:00.000Z',
    },
  },
  '<img src=x onerror=alert(1)> \\href{javascript:alert(1)}{click} </script><script>alert(2)</script>\u2028',
  [],
);

export const noidPaper: SamplePaper = paper(
  {
    id: 'noid-the-quiet-paper-1a2b3c4d',
    title: 'The Quiet Paper',
    authors: [],
    featured: ['2026-08-21'],
    upvotes: 0,
    statsAt: '2026-08-21T07:45:00.000Z',
    source: { kind: 'text-file', file: 'listing.txt', fetchedAt: '2026-08-21T07:45:00.000Z' },
  },
  '',
  [],
);
