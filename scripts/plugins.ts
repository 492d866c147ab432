// The suite's plugins, in the order they are listed everywhere.
export const pluginNames = ['tree', 'netpol', 'rbac', 'inspect', 'monitor'] as const;
export type PluginName = (typeof pluginNames)[number];
