const FLAGS_URL = 'https://config.example.com/flags.json';

export const handler = async (event) => {
  const flags = await (await fetch(FLAGS_URL)).json();
  return { feature: event.feature, enabled: flags[event.feature] === true };
};
