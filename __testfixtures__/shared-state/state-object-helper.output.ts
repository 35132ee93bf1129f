import { enrich } from 'deps';

interface RequestState {
  tenant?: string;
  user?: string;
}

function audience(state: RequestState): string {
  return `${state.user}@${state.tenant}`;
}

export const handler = async (event: { tenant: string; user: string; id: string }) => {
  const state: RequestState = {};
  state.tenant = event.tenant;
  state.user = event.user;
  const extra = await enrich(event.id);
  return { audience: audience(state), extra };
};
