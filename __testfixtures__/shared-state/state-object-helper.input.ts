import { enrich } from 'deps';

interface RequestState {
  tenant?: string;
  user?: string;
}

const state: RequestState = {};

function audience(): string {
  return `${state.user}@${state.tenant}`;
}

export const handler = async (event: { tenant: string; user: string; id: string }) => {
  state.tenant = event.tenant;
  state.user = event.user;
  const extra = await enrich(event.id);
  return { audience: audience(), extra };
};
