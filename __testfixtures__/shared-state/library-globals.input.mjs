import axios from 'axios';
import i18next from 'i18next';
import { S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export const handler = async (event) => {
  axios.defaults.headers.common['x-tenant'] = event.tenantId;
  await i18next.changeLanguage(event.locale);
  s3.middlewareStack.add((next) => (args) => next(args), { step: 'build' });
  const { data } = await axios.get('/orders');
  return { data, greeting: i18next.t('hello') };
};
