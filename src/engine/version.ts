/** The engine's name and version, printed in every result (bump with every change to the rules). */
export const ENGINE_NAME = 'points-pool-explorer';
export const ENGINE_VERSION = '0.3.0';
