import { describe, expect, it } from 'vitest';
import { isLoopbackHost, serverUrlProblem } from './server-url';

describe('sync server addresses', () => {
  it('accepts https anywhere and plain http only on loopback', () => {
    for (const url of [
      'https://veldwerk.example.be',
      'https://10.0.0.5:8443/api',
      'http://127.0.0.1:4000',
      'http://localhost:3000',
      'http://[::1]:4000',
      'HTTP://127.0.0.2',
      'http://localhost./',
    ]) {
      expect(serverUrlProblem(url), url).toBeNull();
    }
  });

  it('refuses plain http to any other host, including look-alikes of loopback', () => {
    for (const url of [
      'http://veldwerk.example.be',
      'http://192.168.1.10:4000',
      'http://127.0.0.1.example.be',
      'http://localhost.evil.be',
      'http://127.0.0.1@evil.be/',
      'http://[::2]:4000',
    ]) {
      expect(serverUrlProblem(url), url).toBe('insecure-http');
    }
  });

  it('refuses what is not an http(s) address', () => {
    for (const url of ['ftp://server', 'veldwerk.example.be', 'https://', 'javascript:alert(1)'])
      expect(serverUrlProblem(url), url).toBe('invalid');
  });

  it('knows the loopback host names', () => {
    expect(['localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]', 'LOCALHOST'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '128.0.0.1', 'localhost.example', '::'].some(isLoopbackHost)).toBe(false);
  });
});
