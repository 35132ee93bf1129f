import { loadProfile } from './profiles.mjs';

export const handler = (event, context, callback) =>
  loadProfile(event.userId).then((profile) => callback(null, profile)).catch(callback);
