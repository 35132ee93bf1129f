import { getCost } from 'deps';

const stats: { jobs: number; cost: number } = { jobs: 0, cost: 0 };

export const handler = async (event: { job: { id: string; cost: number; delay: number } }): Promise<{ cost: number }> => {
  const cost = await getCost(event.job);
  stats.cost += cost;
  return { cost: stats.cost };
};
