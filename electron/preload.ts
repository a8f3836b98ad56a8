// The preload exposes exactly two functions to the renderer: invoke(channel, payload), and
// subscribe(listener) to the change events main pushes (answers the unsubscribe).
// It runs sandboxed, so it is bundled to one CommonJS file (scripts/build-electron.mjs).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENTS_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/contract/constants';

contextBridge.exposeInMainWorld('veldwerk', {
  invoke: (channel: string, payload: unknown): Promise<unknown> =>
    ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, payload),
  subscribe: (listener: (event: unknown) => void): (() => void) => {
    // The IPC event object (with its sender) never reaches the page: only the payload does.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(IPC_EVENTS_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENTS_CHANNEL, forward);
    };
  },
});
