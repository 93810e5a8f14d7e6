/** An Amazon Resource Name, checked to have the `arn:partition:service:region:account:resource` shape. */
export type Arn = string & { readonly __brand: 'Arn' };

const arnRe = /^arn:[a-z0-9-]+:[a-z0-9-]+:[a-z0-9-]*:[0-9]*:.+$/;

/** True when the text has the shape of an ARN. */
export function isArn(text: string): text is Arn {
  return arnRe.test(text);
}

/** Brands text as an ARN, or returns undefined when it does not have the shape of one. */
export function asArn(text: string): Arn | undefined {
  return isArn(text) ? text : undefined;
}
