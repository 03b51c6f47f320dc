export const resource = ['voiceActor'];
