# Exceptions: a term with a reference, or a whole term.
printf 'diplomatie préventive\tline 1\ndéveloppement durable\nmesures de confiance\n' >ignore.txt
termex check --ignore ignore.txt --src-file planted.fr --tgt-file planted.en
