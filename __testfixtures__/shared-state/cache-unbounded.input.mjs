import { fetchCustomer } from 'deps';

const customers = new Map();

async function getCustomer(id) {
  if (!customers.has(id)) customers.set(id, await fetchCustomer(id));
  return customers.get(id);
}

export const handler = async (event) => {
  const customer = await getCustomer(event.customerId);
  return { name: customer.name };
};
