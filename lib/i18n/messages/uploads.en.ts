// Upload controls (components/uploads/). Kept in their own file; en.ts includes them as `uploads`.
export const uploadsEn = {
  zoneLabel: "File drop zone: drop or paste a file here",
  dropHere: "Drop a file here, paste one, or",
  choose: "Choose a file",
  chooseMany: "Choose files",
  uploading: "Uploading {name}",
  waiting: { one: "{count} more waiting", other: "{count} more waiting" },
  cancel: "Cancel upload",
  done: "Uploaded {name}",
  limits: {
    image: "images up to {size}",
    audio: "audio up to {size}",
    video: "video up to {size}",
    file: "PDF, text or ZIP up to {size}",
  },
  units: { bytes: "{n} bytes", kb: "{n} KB", mb: "{n} MB", gb: "{n} GB" },
  errors: {
    refused: "This file was not accepted",
    tooLarge: "This file is {size}; the limit is {limit}.",
    notImage: "Choose an image (JPEG, PNG, WebP or GIF).",
    empty: "This file is empty.",
    network: "The upload failed: check your connection and try again.",
    failed: "The upload failed. Please try again.",
  },
  avatar: {
    upload: "Upload a picture",
    change: "Change picture",
    remove: "Remove picture",
    removing: "Removing…",
    hint: "JPEG, PNG, WebP or GIF up to {size}.",
    saveFailed: "Could not save your picture. Please try again.",
  },
} as const;
