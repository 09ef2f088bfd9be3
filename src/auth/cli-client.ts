/** The command line's own public client, which the builtin authorisation server registers at start (`helsebro token`). */
export const CLI_CLIENT_ID = 'helsebro-cli';
export const CLI_REDIRECT = 'http://127.0.0.1/helsebro-cli';
