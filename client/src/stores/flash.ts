import { defineStore } from 'pinia';
import { ref } from 'vue';

/** A success message carried to the next page ("Update recorded for action 1.2"). */
export interface FlashMessage {
  heading: string;
  body?: string;
}

/** One message, set before a navigation and taken (once) by the page it lands on. */
export const useFlashStore = defineStore('flash', () => {
  const message = ref<FlashMessage | null>(null);

  function set(next: FlashMessage): void {
    message.value = next;
  }

  function take(): FlashMessage | null {
    const m = message.value;
    message.value = null;
    return m;
  }

  function reset(): void {
    message.value = null;
  }

  return { message, set, take, reset };
});
