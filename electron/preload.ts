// The preload exposes exactly one function to the renderer: invoke(channel, payload).
// It runs sandboxed, so it is bundled to one CommonJS file (scripts/build-electron.mjs).
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_INVOKE_CHANNEL } from '../shared/contract/constants';

contextBridge.exposeInMainWorld('veldwerk', {
  invoke: (channel: string, payload: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, payload),
});
