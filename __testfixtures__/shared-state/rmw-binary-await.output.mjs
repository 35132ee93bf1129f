import { fetchScore } from 'deps';

let points = 0;

export const handler = async (event) => {
  const score = await fetchScore(event.player);
  points = points + score;
  return { points };
};
