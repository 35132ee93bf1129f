const axios = require('axios');

axios.defaults.timeout = 2000;
const api = axios.create({ baseURL: process.env.API_URL });

exports.handler = async (event) => {
  const { data } = await api.get(`/orders/${event.id}`, { headers: { 'x-tenant': event.tenantId } });
  return data;
};
