import { fetchProfile } from 'deps';

let requestLocale: string | undefined;

function greeting(name: string): string {
  return requestLocale === 'fr' ? `Bonjour ${name}` : `Hello ${name}`;
}

export const handler = async (event: { locale: string; userId: string }) => {
  requestLocale = event.locale;
  const profile = await fetchProfile(event.userId);
  return { message: greeting(profile.name) };
};
