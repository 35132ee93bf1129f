// A one-keypress choice (like `git add -p`): y/n/s/a/d/q/? without Enter.
import { createPrompt, useKeypress, usePrefix, useState, isEnterKey } from '@inquirer/core';

export interface KeyChoice<V extends string = string> {
  key: string;
  value: V;
  /** shown by `?` */
  description: string;
}

export interface KeyPromptConfig<V extends string = string> {
  message: string;
  choices: KeyChoice<V>[];
}

export const keyPrompt = createPrompt<string, KeyPromptConfig>((config, done) => {
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [answer, setAnswer] = useState<KeyChoice | undefined>(undefined);
  const [showHelp, setShowHelp] = useState(false);
  const [error, setError] = useState('');
  const prefix = usePrefix({ status });
  const keys = config.choices.map((c) => c.key).join(',');

  useKeypress((key, rl) => {
    const typed = (rl.line || '').trim().toLowerCase();
    rl.clearLine(0);
    if (typed === '?' || (typed === '' && key.name === 'h')) {
      setShowHelp(true);
      setError('');
      return;
    }
    const choice = config.choices.find((c) => c.key === typed);
    if (choice) {
      setAnswer(choice);
      setStatus('done');
      done(choice.value);
    } else if (typed || isEnterKey(key)) {
      setError(`press one of ${keys},?`);
    }
  });

  const head = `${prefix} ${config.message} [${keys},?]`;
  if (status === 'done') return `${head} ${answer?.key ?? ''}`;
  const lines = [head];
  if (showHelp) for (const c of config.choices) lines.push(`  ${c.key} - ${c.description}`);
  if (error) lines.push(`  > ${error}`);
  return [lines[0], lines.slice(1).join('\n')];
});
