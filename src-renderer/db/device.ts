// A stable id of this installation, recorded by the server in the history of every write it pushes.
export const DEVICE_KEY = 'linli.device.v1';
export const OPERATOR_KEY = 'linli.operator.v1';

export function deviceId(storage: Storage = localStorage): string {
  let id = storage.getItem(DEVICE_KEY);
  if (!id) {
    id = crypto.randomUUID();
    storage.setItem(DEVICE_KEY, id);
  }
  return id;
}
