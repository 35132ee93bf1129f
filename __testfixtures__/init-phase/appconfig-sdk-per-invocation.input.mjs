import { AppConfigDataClient, StartConfigurationSessionCommand, GetLatestConfigurationCommand } from '@aws-sdk/client-appconfigdata';

const appconfig = new AppConfigDataClient({});

export const handler = async (event) => {
  const session = await appconfig.send(new StartConfigurationSessionCommand({
    ApplicationIdentifier: 'orders',
    EnvironmentIdentifier: 'prod',
    ConfigurationProfileIdentifier: 'flags',
  }));
  const latest = await appconfig.send(new GetLatestConfigurationCommand({ ConfigurationToken: session.InitialConfigurationToken }));
  const flags = JSON.parse(new TextDecoder().decode(latest.Configuration));
  return { enabled: Boolean(flags[event.feature]) };
};
