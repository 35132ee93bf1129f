import { getCost } from 'deps';

const stats: { jobs: number; cost: number } = { jobs: 0, cost: 0 };

export const handler = async (event: { job: { id: string; cost: number; delay: number } }): Promise<{ cost: number }> => {
  stats.cost += await getCost(event.job);
  return { cost: stats.cost };
};
