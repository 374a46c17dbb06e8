/** jsdom has <dialog> but not its modal methods: open and close it as a browser would. */
export function polyfillDialog(): void {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
}

/** jsdom has no popover API (the action menu's Popover): show and hide as a toggle of `hidden`. */
export function polyfillPopover(): void {
  HTMLElement.prototype.showPopover ??= function (this: HTMLElement) {
    this.hidden = false;
  };
  HTMLElement.prototype.hidePopover ??= function (this: HTMLElement) {
    this.hidden = true;
  };
}
