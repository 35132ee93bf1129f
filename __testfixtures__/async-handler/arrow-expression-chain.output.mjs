import { loadProfile } from './profiles.mjs';

export const handler = async (event, context) => loadProfile(event.userId);
