import { countWords } from 'deps';

const wordsByUser = new Map();

export const handler = async (event) => {
  const { user, text } = event;
  const words = await countWords(text);
  wordsByUser.set(user, (wordsByUser.get(user) ?? 0) + words);
  return { user, words: wordsByUser.get(user) };
};
