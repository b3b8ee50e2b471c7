; The Byzantine generals (commander p0): 3 processes, at most 1 Byzantine, 2 rounds.
; Processes know their index and who sent each message; a Byzantine process cannot forge its sender.
(set-info :processes 3)
(set-info :faulty 1)
(set-info :faults byzantine)
(set-info :rounds 2)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 2)
(set-info :round-aware true)
(set-info :identities true)
(set-info :expect unrealizable)

; IC1: loyal (correct) processes decide alike.
(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
; IC2: if the commander p0 is loyal, every loyal process decides its value.
(define-fun validity () Bool
  (=> (correct p0) (forall ((i Proc)) (=> (correct i) (= (decision i) (input p0))))))

(assert agreement)
(assert validity)
