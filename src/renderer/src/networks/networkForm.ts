import type { TFunction } from 'i18next';
import type { WireError } from '../../../shared/errors';
import { containerNamePattern } from '../../../shared/run';
import { gatewayInSubnet, subnetsOverlap } from '../../../shared/ipv4Subnets';
import { ipv4CidrPattern, ipv4Pattern, type Network } from '../../../shared/networks';

export interface NetworkForm {
  name: string;
  subnet: string;
  gateway: string;
  internal: boolean;
}

export type NetworkFormErrors = Partial<Record<'name' | 'subnet' | 'gateway', string>>;

/**
 * What is wrong with the form as typed, in the user's language, before anything is sent: the same
 * rules the main process checks again (the name free, the subnet well-formed and clear of the
 * listed networks, the gateway inside it).
 */
export function checkNetworkForm(form: NetworkForm, networks: readonly Network[], t: TFunction): NetworkFormErrors {
  const errors: NetworkFormErrors = {};
  const name = form.name.trim();
  const subnet = form.subnet.trim();
  const gateway = form.gateway.trim();
  if (name === '') errors.name = t('networks.create.errors.nameEmpty');
  else if (!containerNamePattern.test(name) || name.length > 128) errors.name = t('networks.create.errors.nameInvalid');
  else if (networks.some((network) => network.name === name))
    errors.name = t('networks.create.errors.nameTaken', { name });
  if (subnet !== '') {
    if (!ipv4CidrPattern.test(subnet)) errors.subnet = t('networks.create.errors.subnetInvalid');
    else {
      const overlapping = networks.find((network) =>
        network.subnets.some(({ subnet: other }) => subnetsOverlap(other, subnet)),
      );
      if (overlapping) errors.subnet = t('networks.create.errors.subnetOverlaps', { network: overlapping.name });
    }
  }
  if (gateway !== '') {
    if (!ipv4Pattern.test(gateway)) errors.gateway = t('networks.create.errors.gatewayInvalid');
    else if (subnet === '') errors.gateway = t('networks.create.errors.gatewayWithoutSubnet');
    else if (!errors.subnet && ipv4CidrPattern.test(subnet) && !gatewayInSubnet(gateway, subnet)) {
      errors.gateway = t('networks.create.errors.gatewayOutside', { subnet });
    }
  }
  return errors;
}

/** The main process's field issues (networks.create) as the form's inline errors. */
export function issuesToFormErrors(problem: WireError, form: NetworkForm, t: TFunction): NetworkFormErrors {
  const errors: NetworkFormErrors = {};
  for (const issue of problem.issues ?? []) {
    const [kind, network] = issue.message.split(':');
    if (issue.path === 'subnet') {
      errors.subnet =
        kind === 'subnet-overlaps'
          ? network
            ? t('networks.create.errors.subnetOverlaps', { network })
            : t('networks.create.errors.subnetOverlapsUnknown')
          : t('networks.create.errors.subnetInvalid');
    } else if (issue.path === 'gateway') {
      errors.gateway =
        kind === 'gateway-without-subnet'
          ? t('networks.create.errors.gatewayWithoutSubnet')
          : kind === 'gateway-outside-subnet'
            ? t('networks.create.errors.gatewayOutside', { subnet: form.subnet.trim() })
            : t('networks.create.errors.gatewayInvalid');
    } else if (issue.path === 'name') {
      errors.name =
        kind === 'name-in-use'
          ? t('networks.create.errors.nameTaken', { name: form.name.trim() })
          : t('networks.create.errors.nameInvalid');
    }
  }
  if (problem.code === 'name-in-use' && !errors.name) {
    errors.name = t('networks.create.errors.nameTaken', { name: form.name.trim() });
  }
  return errors;
}
