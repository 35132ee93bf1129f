import { fetchScore } from 'deps';

let points = 0;

export const handler = async (event) => {
  points = points + await fetchScore(event.player);
  return { points };
};
