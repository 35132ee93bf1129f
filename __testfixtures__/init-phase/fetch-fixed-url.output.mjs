const FLAGS_URL = 'https://config.example.com/flags.json';

const flags = await (await fetch(FLAGS_URL)).json();

export const handler = async (event) => {
  return { feature: event.feature, enabled: flags[event.feature] === true };
};
