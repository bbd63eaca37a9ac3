// Training the topic classifier from the hand-labelled set: the training part's papers read from the archive,
// featurised under the vocabulary, fed to the trainer (cross-validation is in ./tune.ts).
import path from 'node:path';
import { paperPath } from '../paper.ts';
import { readArchivePaper, type TextPaper } from '../topic-papers.ts';
import { topicFeatures, type Vocabulary } from '../topics.ts';
import type { Features } from './features.ts';
import { trainModel, type TopicModel, type TrainOptions } from './model.ts';
import type { LabelledPaper } from './split.ts';

export interface LabelledText {
  label: LabelledPaper;
  paper: TextPaper;
}

/** The labelled papers' text from the archive; a labelled paper missing from it is an error naming the id. */
export function readLabelledPapers(labels: readonly LabelledPaper[], contentDir: string): LabelledText[] {
  return labels.map((label) => {
    const file = path.join(contentDir, paperPath(label.id));
    try {
      return { label, paper: readArchivePaper(file) };
    } catch (e) {
      throw new Error(`labelled paper ${label.id}: ${(e as Error).message}`, { cause: e });
    }
  });
}

/** Features under the vocabulary's phrase rules alone (the model never sees its own output). */
export function examplesOf(
  items: readonly LabelledText[],
  rules: Vocabulary,
): { features: Features; topics: readonly string[] }[] {
  // The labelled text, not the paper's override: labels are what the classifier should learn to say.
  return items.map(({ label, paper }) => ({
    features: topicFeatures({ ...paper, override: undefined }, rules),
    topics: label.topics,
  }));
}

/** Train on the `train` part only; evaluation papers never reach the trainer. */
export function trainFromLabels(
  items: readonly LabelledText[],
  rules: Vocabulary,
  labelsFile: string,
  options: Partial<TrainOptions> = {},
): TopicModel {
  const train = items.filter((i) => i.label.part === 'train');
  return trainModel(
    examplesOf(train, rules),
    rules.topics.map((t) => t.slug),
    { labels: labelsFile, papers: train.length, vocabulary: rules.hash },
    options,
  );
}
