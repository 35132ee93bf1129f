import { countWords } from 'deps';

const wordsByUser = new Map();

export const handler = async (event) => {
  const { user, text } = event;
  const before = wordsByUser.get(user) ?? 0;
  const words = await countWords(text);
  wordsByUser.set(user, before + words);
  return { user, words: wordsByUser.get(user) };
};
