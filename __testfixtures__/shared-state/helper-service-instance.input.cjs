// A service object exported as the module itself: handlers in other files call its methods per
// request, so `this.current` is shared by them. Other modules hold the instance: reported only.
const { loadUser, audit } = require('deps');

class UserService {
  async describe(id) {
    this.current = await loadUser(id);
    await audit(id);
    return `${this.current.name} (${id})`;
  }
}

module.exports = new UserService();
