import { describe, expect, it } from 'vitest';
import { checkNetworkForm, issuesToFormErrors, type NetworkForm } from '../../../src/renderer/src/networks/networkForm';
import { createTranslator } from '../../../src/shared/i18n/translator';
import { network } from '../../fixtures/builders/network';

const en = createTranslator('en');
const ko = createTranslator('ko');
const form = (patch: Partial<NetworkForm>): NetworkForm => ({
  name: 'web',
  subnet: '',
  gateway: '',
  internal: false,
  ...patch,
});
const bridge = network();

describe('the New network form, checked as typed', () => {
  it('accepts a name alone: the Docker server picks the subnet', () => {
    expect(checkNetworkForm(form({}), [bridge], en)).toEqual({});
  });

  it('says what is wrong with the name, in the user’s language', () => {
    expect(checkNetworkForm(form({ name: '' }), [], en).name).toBe('Give the network a name.');
    expect(checkNetworkForm(form({ name: '-x' }), [], en).name).toMatch(/^Use letters, digits/);
    expect(checkNetworkForm(form({ name: 'bridge' }), [bridge], ko).name).toBe(
      'bridge 네트워크가 이미 있어요. 다른 이름을 고르세요.',
    );
  });

  it('refuses a malformed subnet and one that overlaps a listed network, naming it', () => {
    expect(checkNetworkForm(form({ subnet: '10.0.0.0' }), [], en).subnet).toMatch(/^Write an IPv4 range/);
    expect(checkNetworkForm(form({ subnet: '172.17.3.0/24' }), [bridge], en).subnet).toBe(
      'This subnet overlaps the network bridge. Pick another range.',
    );
    expect(checkNetworkForm(form({ subnet: '172.18.0.0/16' }), [bridge], en)).toEqual({});
  });

  it('wants a gateway only with a subnet, and inside it', () => {
    expect(checkNetworkForm(form({ gateway: '10.1.0.1' }), [], en).gateway).toMatch(/needs a subnet/);
    expect(checkNetworkForm(form({ subnet: '10.1.0.0/24', gateway: '10.2.0.1' }), [], en).gateway).toBe(
      'The gateway must be an address inside the subnet 10.1.0.0/24.',
    );
    expect(checkNetworkForm(form({ subnet: '10.1.0.0/24', gateway: '10.1.0.0' }), [], en).gateway).toBeDefined();
    expect(checkNetworkForm(form({ subnet: '10.1.0.0/24', gateway: '10.1.0.9' }), [], en)).toEqual({});
    expect(checkNetworkForm(form({ subnet: '10.1.0.0/24', gateway: '10.1.0.300' }), [], en).gateway).toMatch(
      /^Write an address/,
    );
  });
});

describe("the main process's refusals as the form's inline errors", () => {
  it('puts an overlap on the subnet field, naming the network when the main process could', () => {
    expect(
      issuesToFormErrors(
        { code: 'invalid-input', message: '', issues: [{ path: 'subnet', message: 'subnet-overlaps:db-net' }] },
        form({ subnet: '10.0.0.0/8' }),
        ko,
      ),
    ).toEqual({ subnet: '이 서브넷은 db-net 네트워크와 겹쳐요. 다른 범위를 고르세요.' });
    expect(
      issuesToFormErrors(
        { code: 'invalid-input', message: '', issues: [{ path: 'subnet', message: 'subnet-overlaps' }] },
        form({}),
        en,
      ).subnet,
    ).toMatch(/overlaps another network or a range this computer uses/);
  });

  it('puts a taken name on the name field', () => {
    expect(issuesToFormErrors({ code: 'name-in-use', message: 'taken' }, form({ name: 'web' }), en)).toEqual({
      name: 'There is already a network named web.',
    });
  });
});
