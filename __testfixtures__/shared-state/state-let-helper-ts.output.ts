import { fetchProfile } from 'deps';

function greeting(name: string, requestLocale: string | undefined): string {
  return requestLocale === 'fr' ? `Bonjour ${name}` : `Hello ${name}`;
}

export const handler = async (event: { locale: string; userId: string }) => {
  const requestLocale = event.locale;
  const profile = await fetchProfile(event.userId);
  return { message: greeting(profile.name, requestLocale) };
};
