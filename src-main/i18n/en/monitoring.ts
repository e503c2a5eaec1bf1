// Monitoring (src-main/monitoring): certificates and domains, checked from
// this computer. Each says what happened and what to do next, for a co-op
// member who doesn't run servers for a living.
export const monitoring = {
  certificate: {
    ok: 'The certificate for {{domain}} is valid until {{date, datetime(dateStyle: long)}}.',
    expiring_one:
      "The certificate for {{domain}} runs out in {{count}} day ({{date, datetime(dateStyle: long)}}). Traefik, on the server, renews it by itself well before this; as it hasn't, check that {{domain}} still points at the server and that the server accepts connections on ports 80 and 443.",
    expiring_other:
      "The certificate for {{domain}} runs out in {{count}} days ({{date, datetime(dateStyle: long)}}). Traefik, on the server, renews it by itself well before this; as it hasn't, check that {{domain}} still points at the server and that the server accepts connections on ports 80 and 443.",
    expired:
      'The certificate for {{domain}} ran out on {{date, datetime(dateStyle: long)}}. Visitors now get a security warning instead of the app. Check that {{domain}} still points at the server and that the server accepts connections on ports 80 and 443; Traefik then gets a new certificate by itself within a few minutes.',
    wrongName:
      'The site at {{domain}} shows a certificate made for another name ({{names}}), so visitors get a security warning. Usually the domain points at a different server, or the app was deployed with another domain.',
    wrongNameUnnamed:
      'The site at {{domain}} shows a certificate made for another name, so visitors get a security warning. Usually the domain points at a different server, or the app was deployed with another domain.',
    traefikDefault:
      "The site at {{domain}} shows Traefik's stand-in certificate: Traefik hasn't been able to get a real one from Let's Encrypt yet, so visitors get a security warning. Check that {{domain}} points at the server and that the server accepts connections on ports 80 and 443; Traefik keeps trying by itself.",
    staging:
      "The certificate for {{domain}} is a test certificate from Let's Encrypt's practice service (staging), which browsers don't trust. Set the server's proxy (Traefik) to use Let's Encrypt's real service, and deploy it again.",
    selfSigned:
      "The certificate for {{domain}} was made by the server itself (self-signed), so browsers don't trust it and visitors get a security warning. Let Traefik get one from Let's Encrypt instead.",
    unknownIssuer:
      "The certificate for {{domain}} comes from {{issuer}}, which this computer doesn't trust, so visitors' browsers probably won't either. If the certificate was bought and installed by hand, check that the whole chain was installed.",
    notYetValid:
      "The certificate for {{domain}} only becomes valid on {{date, datetime(dateStyle: long)}}. Check this computer's date and time; if they are right, check the server's.",
    noCertificate: "The site at {{domain}} didn't show any certificate. Check the server's proxy (Traefik).",
    refused:
      "{{domain}} refused the secure connection (port {{port}}). The server's proxy (Traefik) may be stopped, or a firewall closes the port. Check the server's Traefik app.",
    timeout:
      "{{domain}} didn't answer in time on port {{port}}. The server may be down or overloaded, or a firewall blocks the port.",
    noHandshake:
      "{{domain}} accepted the connection on port {{port}} but didn't set up a secure one. The server's proxy (Traefik) may be misconfigured, or something else is using the port.",
    noAddress: "{{domain}} doesn't lead to any server, so its certificate can't be checked. See the alert about the domain.",
    cantCheck:
      "Can't check the certificate for {{domain}} from here: this computer seems to be offline, or its network blocks the check. This isn't a problem with the app; the check runs again when you're back online."
  },
  domain: {
    ok: '{{domain}} points at the server ({{addresses}}).',
    elsewhere:
      "{{domain}} points at {{found}}, not at the server ({{expected}}). Visitors may reach another machine, and the certificate may not be renewed. At your domain provider, change the domain's record to {{expected}}. If you use a service such as Cloudflare in front of the server on purpose, you can ignore this.",
    missing:
      "{{domain}} doesn't lead anywhere: no address is set for it. At your domain provider, add a record for {{domain}} pointing at {{expected}}. A new record can take up to an hour to be seen everywhere.",
    serverUnknown: "Can't check where {{domain}} points: the server's own address couldn't be found from here.",
    cantCheck:
      "Can't check where {{domain}} points from here: this computer couldn't reach its DNS server (the internet's address book). It may be offline. This isn't a problem with the app; the check runs again when you're back online."
  }
}
