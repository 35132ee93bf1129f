// the AppConfig Lambda extension caches and refreshes the configuration itself: ask it per request
const FLAGS_URL = 'http://localhost:2772/applications/shop/environments/prod/configurations/flags';

export const handler = async (event) => {
  const flags = await (await fetch(FLAGS_URL)).json();
  return { enabled: flags[event.feature]?.enabled === true };
};
