const { fetchCustomer, fetchRates } = require('deps');

const customers = new Map();
const rates = {};

async function getCustomer(id) {
  let p = customers.get(id);
  if (!p) {
    p = fetchCustomer(id).catch((e) => {
      customers.delete(id);
      throw e;
    });
    if (customers.size >= 1000) customers.delete(customers.keys().next().value);
    customers.set(id, p);
  }
  return p;
}

exports.handler = async (event) => {
  rates.eur ??= await fetchRates('eur');
  const customer = await getCustomer(event.customerId);
  return { name: customer.name, rate: rates.eur };
};
