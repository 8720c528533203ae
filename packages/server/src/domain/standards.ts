// What each standard needs of the checks compliance.ts runs, with where each number comes from. Where
// a standard names no number, the value is the team's reading and the source says so: a finding
// always states the rule it applied, so an auditor can disagree with it.

export interface StandardRules {
  /** Shortest password allowed. */
  min_length: number;
  /** How many of the four character classes the policy must require. */
  min_classes: number;
  /** Passwords must expire within this many days (0: expiry not required). */
  max_age_days: number;
  /** Earlier passwords a new one must differ from. */
  min_history: number;
  /** Audit records must be kept at least this many days. */
  audit_min_days: number;
  /** A finite audit retention must be configured (storage limitation). */
  audit_bounded: boolean;
  /** Active accounts unused this many days should be disabled. */
  inactive_days: number;
  /** Admins must have signed in within this many days (a dormant admin account is a standing risk). */
  admin_login_days: number;
  /** Every API key must carry an expiry. */
  key_expiry: boolean;
  /** Data and audit log encrypted at rest, database connections encrypted in transit. */
  encryption: boolean;
  /** The source of each number above, shown with the findings. */
  sources: Readonly<Record<string, string>>;
}

const NIST_LENGTH = 'NIST SP 800-63B §5.1.1.2: memorised secrets of at least 8 characters';

export const STANDARDS: Readonly<Record<string, StandardRules>> = {
  'PCI-DSS': {
    min_length: 12, min_classes: 2, max_age_days: 90, min_history: 4, audit_min_days: 365, audit_bounded: false,
    inactive_days: 90, admin_login_days: 90, key_expiry: true, encryption: true,
    sources: {
      min_length: 'PCI DSS v4.0 req. 8.3.6: at least 12 characters', min_classes: 'PCI DSS v4.0 req. 8.3.6: numeric and alphabetic characters',
      max_age_days: 'PCI DSS v4.0 req. 8.3.9: changed at least once every 90 days', min_history: 'PCI DSS v4.0 req. 8.3.7: not any of the last four',
      audit_min_days: 'PCI DSS v4.0 req. 10.5.1: audit log history kept at least 12 months', inactive_days: 'PCI DSS v4.0 req. 8.2.6: inactive accounts removed or disabled within 90 days',
      admin_login_days: 'PCI DSS v4.0 req. 8.2.6 applied to administrators', key_expiry: 'PCI DSS v4.0 req. 8.6.3: application and system account credentials changed periodically',
      encryption: 'PCI DSS v4.0 req. 3.5 (stored data) and 4.2 (transmission)',
    },
  },
  HIPAA: {
    min_length: 8, min_classes: 3, max_age_days: 0, min_history: 0, audit_min_days: 2190, audit_bounded: false,
    inactive_days: 90, admin_login_days: 90, key_expiry: true, encryption: true,
    sources: {
      min_length: `45 CFR 164.308(a)(5)(ii)(D) names password management without a number; ${NIST_LENGTH}`, min_classes: 'team reading of 164.308(a)(5)(ii)(D): three classes',
      max_age_days: 'no expiry required (NIST SP 800-63B §5.1.1.2 advises against periodic changes)', min_history: 'no history required',
      audit_min_days: '45 CFR 164.316(b)(2)(i): documentation kept six years', inactive_days: 'team reading of 164.308(a)(3)(ii)(C) (termination procedures): 90 days',
      admin_login_days: 'team reading: 90 days', key_expiry: 'team reading of 164.312(d) (person or entity authentication)',
      encryption: '45 CFR 164.312(a)(2)(iv) and 164.312(e)(2)(ii): encryption at rest and in transit',
    },
  },
  SOC2: {
    min_length: 8, min_classes: 3, max_age_days: 0, min_history: 1, audit_min_days: 365, audit_bounded: false,
    inactive_days: 90, admin_login_days: 90, key_expiry: true, encryption: false,
    sources: {
      min_length: `AICPA TSC CC6.1 names no number; ${NIST_LENGTH}`, min_classes: 'team reading of CC6.1: three classes', max_age_days: 'not required by the TSC',
      min_history: 'team reading of CC6.1: a changed password must differ from the last', audit_min_days: 'a Type II report covers up to 12 months of operation, so 365 days of evidence',
      inactive_days: 'CC6.2 (removal of access no longer needed), team reading: 90 days', admin_login_days: 'CC6.3 (privileged access reviewed), team reading: 90 days',
      key_expiry: 'CC6.1, team reading: credentials with a lifetime', encryption: 'CC6.7 asks protection in transmission; not required at rest',
    },
  },
  ISO27001: {
    min_length: 8, min_classes: 3, max_age_days: 0, min_history: 3, audit_min_days: 365, audit_bounded: false,
    inactive_days: 90, admin_login_days: 90, key_expiry: true, encryption: true,
    sources: {
      min_length: `ISO/IEC 27001:2022 A.5.17 names no number; ${NIST_LENGTH}`, min_classes: 'team reading of A.5.17: three classes', max_age_days: 'not required by A.5.17',
      min_history: 'ISO/IEC 27002:2022 5.17 (reuse of passwords prevented), team reading: 3', audit_min_days: 'A.8.15 (logging) names no period; team reading: 12 months',
      inactive_days: 'A.5.18 (access rights reviewed and removed), team reading: 90 days', admin_login_days: 'A.8.2 (privileged access rights), team reading: 90 days',
      key_expiry: 'A.5.17, team reading: credentials with a lifetime', encryption: 'A.8.24 (use of cryptography)',
    },
  },
  GDPR: {
    min_length: 8, min_classes: 2, max_age_days: 0, min_history: 0, audit_min_days: 0, audit_bounded: true,
    inactive_days: 365, admin_login_days: 90, key_expiry: false, encryption: true,
    sources: {
      min_length: `Art. 32 asks "appropriate" measures; ${NIST_LENGTH}`, min_classes: 'team reading of Art. 32: two classes', max_age_days: 'not required',
      min_history: 'not required', audit_min_days: 'no minimum period', audit_bounded: 'Art. 5(1)(e) storage limitation: personal data in the audit log kept no longer than needed',
      inactive_days: 'Art. 5(1)(c) and (e), team reading: accounts unused a year', admin_login_days: 'Art. 32, team reading: 90 days',
      key_expiry: 'not required', encryption: 'Art. 32(1)(a): encryption of personal data',
    },
  },
};

/** A standard's rules by name, matched without regard to case, spaces, dashes or underscores ("pci_dss", "ISO 27001"). */
export function findStandard(name: string): [string, StandardRules] | undefined {
  const wanted = name.toUpperCase().replace(/[\s_-]/g, '');
  return Object.entries(STANDARDS).find(([key]) => key.replace(/-/g, '') === wanted);
}
